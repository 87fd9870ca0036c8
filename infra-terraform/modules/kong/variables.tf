variable "name" {
  description = "Name of Kong's ECS service and task definition family, and the prefix of its roles."
  type        = string
}

variable "region" {
  description = "AWS region (for the awslogs log driver)."
  type        = string
}

variable "image" {
  description = "Kong Gateway image."
  type        = string
  default     = "kong:3.9"
}

variable "cpu" {
  description = "Fargate CPU units of a Kong task (256 = 0.25 vCPU)."
  type        = number
  default     = 512
}

variable "memory" {
  description = "Fargate memory of a Kong task, in MiB."
  type        = number
  default     = 1024
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64 (Graviton, about 20% cheaper; the Kong image is multi-arch)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "desired_count" {
  description = "Number of Kong tasks."
  type        = number
  default     = 2
}

variable "capacity_provider" {
  description = "FARGATE, or FARGATE_SPOT (cheaper, may be interrupted)."
  type        = string
  default     = "FARGATE"
}

variable "health_check_grace_period_seconds" {
  description = "Seconds ECS ignores the ALB's health checks after a Kong task starts."
  type        = number
  default     = 300
}

variable "proxy_port" {
  description = "Kong's plain-HTTP proxy port."
  type        = number
  default     = 8000
}

variable "admin_port" {
  description = "Kong's admin API port (plain HTTP, private network only)."
  type        = number
  default     = 8001
}

variable "status_port" {
  description = "Kong's status API port (health checks)."
  type        = number
  default     = 8100
}

variable "trusted_cidr" {
  description = "CIDR Kong trusts X-Forwarded-* headers from (the VPC's, where the ALB is)."
  type        = string
}

variable "environment" {
  description = "Extra non-secret Kong settings as environment variables (KONG_*), merged over the module's."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Secret Kong settings: environment variable name (KONG_*) => ARN of an SSM SecureString parameter."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for arn in values(var.secrets) : can(regex("^arn:[^:]+:ssm:", arn))])
    error_message = "Every secret must be the ARN of an SSM parameter."
  }
}

variable "database" {
  description = "Postgres connection for database mode (the kong-database module's outputs); null runs Kong DB-less."
  type = object({
    host                = string
    port                = number
    name                = string
    username            = string
    password_secret_arn = string
  })
  default = null
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the secrets."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the tasks."
  type        = list(string)
}

variable "security_group_id" {
  description = "ID of the Kong tasks' security group."
  type        = string
}

variable "target_group_arn" {
  description = "ARN of the ALB target group of Kong's proxy port."
  type        = string
}

variable "namespace_id" {
  description = "ID of the Cloud Map namespace Kong's admin nodes register in."
  type        = string
}

variable "admin_discovery_name" {
  description = "Cloud Map service name of Kong's admin nodes (kong-admin => kong-admin.ecs.local)."
  type        = string
  default     = "kong-admin"
}

variable "exec_policy_arn" {
  description = "ARN of the IAM policy for ECS Exec (from the ecs-cluster module)."
  type        = string
}

variable "enable_execute_command" {
  description = "Allow `aws ecs execute-command` into Kong's tasks."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps Kong's logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
