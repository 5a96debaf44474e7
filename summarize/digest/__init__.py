"""What is new in feeds, pages and folders, grouped into stories and summarised on one page."""
