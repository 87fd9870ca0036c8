# State in S3, locked with an S3 lock file (Terraform >= 1.10; no DynamoDB table). The bucket and region come
# from a backend config file: cp backend.hcl.example backend.hcl && terraform init -backend-config=backend.hcl
terraform {
  backend "s3" {
    key          = "kongsync/dev/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}
