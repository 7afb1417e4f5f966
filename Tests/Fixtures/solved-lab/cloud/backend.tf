# Remote state, configured at init time so that no bucket name lives in code:
#
#   cp backend.hcl.example backend.hcl   # edit it; backend.hcl is not committed
#   terraform init -backend-config=backend.hcl
#
# Until the bucket exists, work with `terraform init -backend=false` (validate only).
terraform {
  backend "s3" {}
}
