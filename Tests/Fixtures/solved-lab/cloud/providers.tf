provider "aws" {
  region = var.region

  # Credentials come from the environment (AWS_PROFILE, SSO, an assumed role),
  # never from this file.

  default_tags {
    tags = {
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
