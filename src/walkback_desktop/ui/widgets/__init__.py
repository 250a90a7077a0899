"""Small reusable widgets shared by several pages."""
