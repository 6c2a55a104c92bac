SECRET_KEY = "django-insecure-9x!k2$z@c5r#v8w^b1n&m4q*p7s0t3u6y9e2a5d8g1j4l7o0"

USE_TZ = True
