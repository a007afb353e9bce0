"""App vertrouwenspersonen: the confidential advisers (issue 7)."""
