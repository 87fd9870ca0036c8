variable "name" {
  description = "Identifier of the database instance and its subnet group."
  type        = string
}

variable "engine_version" {
  description = "Postgres major (or major.minor) version; Kong 3.9 supports 12 to 17."
  type        = string
  default     = "16"
}

variable "instance_class" {
  description = "Instance class of the database."
  type        = string
  default     = "db.t4g.micro"
}

variable "allocated_storage" {
  description = "Initial storage in GiB."
  type        = number
  default     = 20
}

variable "max_allocated_storage" {
  description = "Ceiling of storage autoscaling in GiB."
  type        = number
  default     = 100
}

variable "database_name" {
  description = "Name of Kong's database."
  type        = string
  default     = "kong"
}

variable "username" {
  description = "Master user name, which Kong connects as; its password is managed by RDS in Secrets Manager."
  type        = string
  default     = "kong"
}

variable "multi_az" {
  description = "Run a standby in a second availability zone."
  type        = bool
  default     = false
}

variable "backup_retention_days" {
  description = "Days of automated backups."
  type        = number
  default     = 7
}

variable "deletion_protection" {
  description = "Refuse to delete the database (turn off before `terraform destroy`)."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Delete without a final snapshot (dev only)."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the storage and the master password's secret."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the database."
  type        = list(string)
}

variable "security_group_id" {
  description = "ID of the database's security group (admits Kong's tasks only)."
  type        = string
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
