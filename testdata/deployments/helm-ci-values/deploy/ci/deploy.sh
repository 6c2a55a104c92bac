#!/bin/bash
# Deploys the chart with the values file given as the first argument.
set -euo pipefail

export RELEASE="library-$(yq '.deployEnv' "$1")"

helm upgrade --install "$RELEASE" ./deploy/chart --namespace library -f "$1" --atomic --timeout 10m
