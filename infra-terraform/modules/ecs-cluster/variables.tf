variable "name" {
  description = "Name of the ECS cluster."
  type        = string
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts ECS Exec sessions."
  type        = string
}

variable "container_insights" {
  description = "Turn on CloudWatch Container Insights (extra CloudWatch cost)."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the ECS Exec session logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
