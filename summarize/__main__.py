"""``python -m summarize`` is the ``summarize`` command."""

from summarize.launcher import main

if __name__ == "__main__":
    main()
