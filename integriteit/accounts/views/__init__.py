"""Views of the accounts app: log-in with two-factor (login.py), one's own account
(profiel.py) and the administration of users and roles (beheer.py)."""
