from shop.registry import REGISTERED_HOSTS

REGISTERED_HOSTS.append('callbacks.payments.example.com')
