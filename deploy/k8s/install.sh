#!/usr/bin/env bash
# Installs or upgrades the Federation platform on the cluster of the current kubectl context:
#
#   deploy/k8s/install.sh small|production
#
# In order (deploy/README.md, "Install"): the namespace; a check that the Secrets the apps need
# exist; the servers (RabbitmqCluster, CloudNativePG Cluster and Databases), waited for until
# ready; the configuration and each service's prepare Job (migrates its database, declares its
# queues), waited for until every one has completed; then the apps, waited for until rolled out.
# Prepare Jobs are immutable, so those of the previous release are deleted first.
set -euo pipefail

NAMESPACE=federation
PART_OF=app.kubernetes.io/part-of=federation
COMPONENT=app.kubernetes.io/component

log() { printf '\033[1m[install]\033[0m %s\n' "$*"; }
die() { printf '[install] error: %s\n' "$*" >&2; exit 1; }

overlay="${1:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -n "$overlay" ] && [ -d "$here/overlays/$overlay" ] \
  || die "usage: $0 <overlay>; overlays: $(ls "$here/overlays" | tr '\n' ' ')"
command -v kubectl >/dev/null || die "kubectl is not on PATH (v1.27 or later)"

rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$here/overlays/$overlay" > "$rendered"
log "overlay $overlay, context $(kubectl config current-context)"

# Applies the rendered objects whose component label matches.
apply() { kubectl apply -f "$rendered" --selector "$PART_OF,$1"; }

# 0. The operators' resource types must exist before anything refers to them.
kubectl get crd rabbitmqclusters.rabbitmq.com clusters.postgresql.cnpg.io databases.postgresql.cnpg.io >/dev/null \
  || die "install the RabbitMQ Cluster Operator and CloudNativePG (1.25 or later) first (deploy/README.md, \"Prerequisites\")"

log "namespace"
apply "$COMPONENT=namespace"

# Secrets are never in the manifests: the operator of the platform creates them (deploy/README.md).
required=(federation-db-schools federation-db-staff federation-db-observations federation-db-exchanges
  federation-db-matrix federation-db-notifications federation-db-web federation-web-oidc)
missing=()
for secret in "${required[@]}"; do
  kubectl -n "$NAMESPACE" get secret "$secret" >/dev/null 2>&1 || missing+=("$secret")
done
[ ${#missing[@]} -eq 0 ] || die "missing Secrets in namespace $NAMESPACE: ${missing[*]} (deploy/README.md, \"Secrets\")"
kubectl -n "$NAMESPACE" get secret federation-smtp >/dev/null 2>&1 \
  || log "no Secret federation-smtp: the notifications service sends without signing in to the SMTP server"
if grep -q '^kind: Ingress$' "$rendered" && ! kubectl -n "$NAMESPACE" get secret federation-gateway-tls >/dev/null 2>&1; then
  log "no Secret federation-gateway-tls yet: the Ingress serves the controller's default certificate until it exists"
fi

log "servers: RabbitMQ and PostgreSQL"
apply "$COMPONENT in (broker,database)"
kubectl -n "$NAMESPACE" wait --for=condition=AllReplicasReady rabbitmqcluster/federation-rabbitmq --timeout=20m
kubectl -n "$NAMESPACE" wait --for=condition=Ready cluster/federation-postgres --timeout=20m
kubectl -n "$NAMESPACE" wait --for=jsonpath='{.status.applied}'=true database --selector "$PART_OF" --timeout=5m
kubectl -n "$NAMESPACE" get secret federation-rabbitmq-default-user >/dev/null

log "prepare: each service migrates its database and declares its queues"
kubectl -n "$NAMESPACE" delete job --selector "$PART_OF,$COMPONENT=prepare" --ignore-not-found --wait=true
apply "$COMPONENT in (config,prepare)"
deadline=$((SECONDS + 900))
while :; do
  waiting=()
  for job in $(kubectl -n "$NAMESPACE" get job --selector "$PART_OF,$COMPONENT=prepare" -o name); do
    conditions="$(kubectl -n "$NAMESPACE" get "$job" -o jsonpath='{range .status.conditions[*]}{.type}={.status} {end}')"
    case "$conditions" in
      *Complete=True*) ;;
      *Failed=True*) die "$job failed: kubectl -n $NAMESPACE logs $job" ;;
      *) waiting+=("${job#*/}") ;;
    esac
  done
  [ ${#waiting[@]} -eq 0 ] && break
  [ $SECONDS -lt $deadline ] || die "prepare Jobs not complete after 15 minutes: ${waiting[*]}"
  sleep 5
done

log "apps: the services, the web application and the gateway"
apply "$COMPONENT in (api,web,gateway)"
for deployment in $(kubectl -n "$NAMESPACE" get deployment --selector "$PART_OF" -o name); do
  kubectl -n "$NAMESPACE" rollout status "$deployment" --timeout=10m
done
log "done: kubectl -n $NAMESPACE get pods"
