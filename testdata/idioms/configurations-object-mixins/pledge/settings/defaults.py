# Values that are not security related, kept out of the Env scheme for readability.
CSP_DEFAULT_SRC = ("'self'",)
CSP_SCRIPT_SRC = ("'self'", 'https://js.example-payments.com')
PAYMENT_PLANS = {'monthly': 'plan-monthly', 'yearly': 'plan-yearly'}
