"""The screens of the confidential advisers' module, one module per audience."""
