"""The self-assessment survey: reading and checking it (survey.py)."""
