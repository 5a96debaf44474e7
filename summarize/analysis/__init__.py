"""What a summary rests on: key phrases, the features behind each score, the text it came from.

Nothing here is imported on the common path: the CLI imports these modules only when asked
for key phrases, explanations or highlighting.
"""
