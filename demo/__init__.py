"""The demo shop: a farm shop with its people, producers, stories, products and
community, built by `manage.py load_demo`. Nothing else in Theke imports it."""
