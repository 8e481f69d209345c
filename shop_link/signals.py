"""Signal receivers of the products app; filled in as the app grows."""
