//! The ordinary code of a project, which djsafe never needs: Django apps with models, views,
//! forms, serializers, tasks, migrations and tests. Most of a real repository's Python files are
//! these, so they are most of what walking the tree costs.

use crate::project::Project;
use crate::tree::{Rng, Tree};

pub const APP_NAMES: &[&str] = &[
    "accounts",
    "activity",
    "addresses",
    "analytics",
    "api",
    "audit",
    "billing",
    "carts",
    "comments",
    "core",
    "customers",
    "documents",
    "exports",
    "feeds",
    "files",
    "imports",
    "integrations",
    "invoices",
    "messaging",
    "notifications",
    "orders",
    "pages",
    "payments",
    "products",
    "profiles",
    "reports",
    "search",
    "shipments",
    "subscriptions",
    "tags",
    "teams",
    "users",
    "webhooks",
];

const FIELDS: &[(&str, &str)] = &[
    ("name", "models.CharField(max_length=200)"),
    ("title", "models.CharField(max_length=255, blank=True)"),
    ("slug", "models.SlugField(unique=True)"),
    ("description", "models.TextField(blank=True)"),
    (
        "amount",
        "models.DecimalField(max_digits=12, decimal_places=2, default=0)",
    ),
    ("quantity", "models.PositiveIntegerField(default=1)"),
    ("is_active", "models.BooleanField(default=True)"),
    ("created_at", "models.DateTimeField(auto_now_add=True)"),
    ("updated_at", "models.DateTimeField(auto_now=True)"),
    ("email", "models.EmailField(blank=True)"),
    (
        "status",
        "models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)",
    ),
    (
        "external_id",
        "models.UUIDField(default=uuid.uuid4, editable=False)",
    ),
];

/// `count` module-level functions of the kind app code is full of (docstring, a loop, a dict,
/// logging), so files have the size of real ones; `prefix` keeps names apart.
fn functions(prefix: &str, count: usize, rng: &mut Rng) -> String {
    let mut text = String::new();
    for i in 0..count {
        let field = FIELDS[rng.below(FIELDS.len())].0;
        text.push_str(&format!(
            "\n\ndef {prefix}_{field}_{i}(items, *, limit=100, strict=False):\n    \"\"\"Collect the `{field}` of each item, at most `limit`, skipping empty ones unless strict.\"\"\"\n    result = {{}}\n    for index, item in enumerate(items):\n        if index >= limit:\n            break\n        value = getattr(item, '{field}_{i}', None)\n        if value is None and not strict:\n            continue\n        result[getattr(item, 'pk', index)] = {{'value': value, 'position': index, 'source': '{prefix}'}}\n    if strict and len(result) != min(len(items), limit):\n        raise ValueError('missing {field} in %d items' % (min(len(items), limit) - len(result)))\n    return result\n"
        ));
    }
    text
}

fn camel(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Model names of an app: its name in the singular, then a few related ones.
fn model_names(app: &str, rng: &mut Rng) -> Vec<String> {
    let base = camel(app.trim_end_matches('s'));
    let mut names = vec![base.clone()];
    for suffix in ["Item", "Event", "Note", "Setting", "Link"] {
        if rng.chance(35) {
            names.push(format!("{base}{suffix}"));
        }
    }
    names
}

pub fn write(tree: &mut Tree, project: &Project, rng: &mut Rng) {
    for app in &project.apps {
        write_app(tree, project, app, rng);
    }
    if rng.chance(10) {
        // An app's own settings, named settings.py like Django's: not Django settings.
        let app = &project.apps[0];
        tree.file(
            project.path(&format!("apps/{app}/settings.py")),
            "from django.conf import settings\n\nPAGE_SIZE = getattr(settings, 'APP_PAGE_SIZE', 25)\nEXPORT_FORMATS = getattr(settings, 'APP_EXPORT_FORMATS', ['csv', 'xlsx'])\nCACHE_SECONDS = 60 * 5\n",
        );
    }
    tree.file(project.path("apps/__init__.py"), "");
    tree.file(
        project.path("conftest.py"),
        "import pytest\n\n\n@pytest.fixture\ndef api_client():\n    from rest_framework.test import APIClient\n\n    return APIClient()\n",
    );
}

fn write_app(tree: &mut Tree, project: &Project, app: &str, rng: &mut Rng) {
    let path = |rest: &str| project.path(&format!("apps/{app}/{rest}"));
    let models = model_names(app, rng);
    let label = camel(app);
    tree.file(path("__init__.py"), "");
    tree.file(
        path("apps.py"),
        format!("from django.apps import AppConfig\n\n\nclass {label}Config(AppConfig):\n    default_auto_field = 'django.db.models.BigAutoField'\n    name = 'apps.{app}'\n    verbose_name = '{label}'\n\n    def ready(self):\n        from . import signals  # noqa: F401\n"),
    );
    let mut text = String::from(
        "import uuid\n\nfrom django.conf import settings\nfrom django.db import models\nfrom django.urls import reverse\n\n\nclass Status(models.TextChoices):\n    DRAFT = 'draft', 'Draft'\n    ACTIVE = 'active', 'Active'\n    ARCHIVED = 'archived', 'Archived'\n",
    );
    for model in &models {
        text.push_str(&format!("\n\nclass {model}(models.Model):\n"));
        let count = rng.between(5, 12);
        for i in 0..count {
            let (field, kind) = FIELDS[(i * 5 + rng.below(FIELDS.len())) % FIELDS.len()];
            text.push_str(&format!("    {field}_{i} = {kind}\n"));
        }
        text.push_str(&format!("    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='{}_set')\n\n    class Meta:\n        ordering = ['-pk']\n\n    def __str__(self):\n        return f'{model} #{{self.pk}}'\n\n    def get_absolute_url(self):\n        return reverse('{app}:{}-detail', args=[self.pk])\n", model.to_lowercase(), model.to_lowercase()));
    }
    text.push_str(&functions("summarize", rng.between(3, 9), rng));
    tree.file(path("models.py"), text);

    let mut views = format!(
        "from django.contrib.auth.mixins import LoginRequiredMixin\nfrom django.views.generic import DetailView, ListView\n\nfrom .models import {}\n",
        models.join(", ")
    );
    let mut urls =
        String::from("from django.urls import path\n\nfrom . import views\n\napp_name = '");
    urls.push_str(app);
    urls.push_str("'\n\nurlpatterns = [\n");
    for model in &models {
        let lower = model.to_lowercase();
        views.push_str(&format!("\n\nclass {model}ListView(LoginRequiredMixin, ListView):\n    model = {model}\n    paginate_by = 50\n\n    def get_queryset(self):\n        return super().get_queryset().filter(owner=self.request.user)\n\n\nclass {model}DetailView(LoginRequiredMixin, DetailView):\n    model = {model}\n\n    def get_queryset(self):\n        return super().get_queryset().filter(owner=self.request.user)\n"));
        urls.push_str(&format!("    path('{lower}/', views.{model}ListView.as_view(), name='{lower}-list'),\n    path('{lower}/<int:pk>/', views.{model}DetailView.as_view(), name='{lower}-detail'),\n"));
    }
    urls.push_str("]\n");
    views.push_str(&functions("collect", rng.between(4, 12), rng));
    tree.file(path("views.py"), views);
    tree.file(path("urls.py"), urls);
    let mut admin = format!(
        "from django.contrib import admin\n\nfrom .models import {}\n",
        models.join(", ")
    );
    for model in &models {
        admin.push_str(&format!("\n\n@admin.register({model})\nclass {model}Admin(admin.ModelAdmin):\n    list_display = ('pk', 'owner')\n    search_fields = ('pk',)\n"));
    }
    tree.file(path("admin.py"), admin);
    tree.file(path("signals.py"), format!("import logging\n\nfrom django.db.models.signals import post_save\nfrom django.dispatch import receiver\n\nfrom .models import {first}\n\nlogger = logging.getLogger(__name__)\n\n\n@receiver(post_save, sender={first})\ndef log_{lower}_saved(sender, instance, created, **kwargs):\n    if created:\n        logger.info('created %s', instance.pk)\n", first = models[0], lower = models[0].to_lowercase()));
    if rng.chance(45) {
        tree.file(path("forms.py"), format!("from django import forms\n\nfrom .models import {first}\n\n\nclass {first}Form(forms.ModelForm):\n    class Meta:\n        model = {first}\n        exclude = ('owner',)\n\n    def clean(self):\n        data = super().clean()\n        return data\n", first = models[0]));
    }
    if rng.chance(45) {
        let mut text = format!(
            "from rest_framework import serializers\n\nfrom .models import {}\n",
            models.join(", ")
        );
        for model in &models {
            text.push_str(&format!("\n\nclass {model}Serializer(serializers.ModelSerializer):\n    class Meta:\n        model = {model}\n        fields = '__all__'\n        read_only_fields = ('owner',)\n"));
        }
        tree.file(path("serializers.py"), text);
    }
    if rng.chance(35) {
        tree.file(path("tasks.py"), format!("from celery import shared_task\n\nfrom .models import {first}\n\n\n@shared_task(bind=True, max_retries=3)\ndef refresh_{lower}(self, pk):\n    try:\n        item = {first}.objects.get(pk=pk)\n    except {first}.DoesNotExist:\n        return None\n    item.save(update_fields=['pk'])\n    return item.pk\n", first = models[0], lower = models[0].to_lowercase()));
    }
    if rng.chance(35) {
        tree.file(path("utils.py"), format!("import hashlib\nimport hmac\n\nWEBHOOK_HEADER = 'X-{label}-Signature'\nDEFAULT_TOKEN = 'public-placeholder'\n\n\ndef sign(payload: bytes, key: bytes) -> str:\n    return hmac.new(key, payload, hashlib.sha256).hexdigest()\n\n\ndef verify(payload: bytes, key: bytes, signature: str) -> bool:\n    return hmac.compare_digest(sign(payload, key), signature)\n\n\ndef chunked(items, size=100):\n    for start in range(0, len(items), size):\n        yield items[start:start + size]\n{}", functions("util", rng.between(4, 12), rng)));
    }
    tree.file(path("tests/__init__.py"), "");
    tree.file(path("tests/test_models.py"), format!("import pytest\n\nfrom apps.{app}.models import {first}\n\n\n@pytest.mark.django_db\ndef test_str(django_user_model):\n    user = django_user_model.objects.create_user(username='alice', password='not-a-real-password')\n    item = {first}.objects.create(owner=user)\n    assert str(item) == f'{first} #{{item.pk}}'\n{helpers}", first = models[0], helpers = functions("expected", rng.between(2, 6), rng)));
    if rng.chance(40) {
        tree.file(path("services.py"), format!("\"\"\"Business rules of {app}, kept out of the views.\"\"\"\nimport logging\n\nfrom django.db import transaction\n\nlogger = logging.getLogger(__name__)\n{}", functions("apply", rng.between(4, 12), rng)));
    }
    if rng.chance(50) {
        tree.file(path("tests/test_views.py"), format!("import pytest\nfrom django.urls import reverse\n\n\n@pytest.mark.django_db\ndef test_list_requires_login(client):\n    response = client.get(reverse('{app}:{}-list'))\n    assert response.status_code == 302\n", models[0].to_lowercase()));
    }
    tree.file(path("migrations/__init__.py"), "");
    let migrations = rng.between(1, 3);
    for n in 1..=migrations {
        let dependency = if n == 1 {
            "migrations.swappable_dependency(settings.AUTH_USER_MODEL)".to_string()
        } else {
            format!("('{app}', '{:04}_auto')", n - 1)
        };
        let name = if n == 1 {
            "initial".to_string()
        } else {
            "auto".to_string()
        };
        tree.file(path(&format!("migrations/{n:04}_{name}.py")), format!("from django.conf import settings\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = {}\n\n    dependencies = [\n        {dependency},\n    ]\n\n    operations = [\n        migrations.AddField(\n            model_name='{}',\n            name='field_{n}',\n            field=models.CharField(blank=True, max_length=100),\n        ),\n    ]\n", if n == 1 { "True" } else { "False" }, models[0].to_lowercase()));
    }
}
