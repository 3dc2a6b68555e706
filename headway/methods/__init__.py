"""Method apps, side by side: each folder here is one method, declared once in its apps.py."""
