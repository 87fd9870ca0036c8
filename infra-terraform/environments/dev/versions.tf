terraform {
  # 1.10 for the S3 backend's native state locking (use_lockfile); the modules need 1.6.
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.70, < 7.0"
    }
  }
}

provider "aws" {
  region = var.region

  # Every taggable resource gets these; the modules merge var.tags and a Name on top.
  default_tags {
    tags = {
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform"
      Source      = "kongsync/infra-terraform/environments/${var.environment}"
    }
  }
}
