import shop.registry as registry

registry.AUDIT_MIDDLEWARE += ['shop.middleware.AuditMiddleware']
