"""Uploads: what they are, how they are named, stored and delivered."""
