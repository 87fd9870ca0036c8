variable "name" {
  description = "Identifier of the store's instance, security group and subnet group (own instance), or prefix of the bootstrap task's resources (shared instance)."
  type        = string
}

variable "region" {
  description = "AWS region (the bootstrap task's logs)."
  type        = string
}

variable "shared_instance" {
  description = "Kong's RDS instance when Kong runs on Postgres: kongsync gets a database and user of its own there, made by the bootstrap task. Null creates an instance of kongsync's own."
  type = object({
    host              = string
    port              = number
    security_group_id = string
    master_username   = string
    master_secret_arn = string
  })
  default = null
}

variable "database_name" {
  description = "Name of kongsync's database."
  type        = string
  default     = "kongsync"
}

variable "username" {
  description = "User kongsync connects as; it owns the database."
  type        = string
  default     = "kongsync"
}

variable "password_parameter_name" {
  description = "Name of the SSM SecureString parameter that holds the user's password (a random_password), e.g. /kongsync/dev/store-password."
  type        = string

  validation {
    condition     = startswith(var.password_parameter_name, "/")
    error_message = "password_parameter_name must start with /."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the password's parameter and the own instance's storage."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC (the own instance's security group)."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the own instance (at least two availability zones) and of the bootstrap task."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "private_subnet_ids must hold at least two subnets, in different availability zones."
  }
}

variable "kongsync_security_group_id" {
  description = "ID of kongsync's tasks' security group: the only one the store's port admits (the bootstrap task runs in it too)."
  type        = string
}

variable "engine_version" {
  description = "Postgres major (or major.minor) version of the own instance; kongsync needs 12 or later."
  type        = string
  default     = "16"
}

variable "instance_class" {
  description = "Instance class of the own instance."
  type        = string
  default     = "db.t4g.micro"
}

variable "allocated_storage" {
  description = "Initial storage of the own instance, in GiB."
  type        = number
  default     = 20
}

variable "max_allocated_storage" {
  description = "Ceiling of the own instance's storage autoscaling, in GiB."
  type        = number
  default     = 50
}

variable "multi_az" {
  description = "Run a standby of the own instance in a second availability zone (about twice the cost; failover in 1-2 minutes)."
  type        = bool
  default     = false
}

variable "backup_retention_days" {
  description = "Days of automated backups of the own instance."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1
    error_message = "backup_retention_days must be 1 or more: the history is worth a backup."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the own instance (turn off before `terraform destroy`)."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Delete the own instance without a final snapshot (dev only)."
  type        = bool
  default     = false
}

variable "bootstrap_image" {
  description = "Image with psql for the bootstrap task (shared instance only)."
  type        = string
  default     = "public.ecr.aws/docker/library/postgres:16-alpine"
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the bootstrap task's logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
