import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECRET_KEY_FALLBACKS = [
    "old-key-2023",
    "cp9E(sLarUS&scD3&5FYX*L#Lk@ITq7E!qTP_s*pIe&yVYB(#N8wrqJd=jvR",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
]
