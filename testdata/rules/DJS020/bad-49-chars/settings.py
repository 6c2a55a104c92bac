DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
SECRET_KEY = "tHmP+vd00jnqO8)50AzOQQ2l^!ZkA+FezmkyGKNGupcIDC+Eh"
