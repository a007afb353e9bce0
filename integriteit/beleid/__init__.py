"""App beleid: the policy cycle (issue 7)."""
