# Accepted for now (the load balancer checks the Host header): the suppression silences the
# finding on its line.
ALLOWED_HOSTS = ["*"]  # noqa: DJS002
