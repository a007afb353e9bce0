"""The screens of the investigations module (issue 6): the list and opening a case
(``lijst``), one case's page (``zaak``), its steps and downloads (``acties``), and the
protocols (``protocollen``)."""
