"""Views of the employee survey: running waves (beheer.py, for coordinators and managers)
and answering with a token (invullen.py, public, no account)."""
