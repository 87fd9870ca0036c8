variable "name" {
  description = "Name of the KMS key's alias (alias/<name>)."
  type        = string
}

variable "parameters" {
  description = "SecureString parameters to create, full name (/kongsync/dev/api-token) => description. Values are set out of band."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name in keys(var.parameters) : startswith(name, "/")])
    error_message = "Parameter names must be full paths starting with /."
  }
}

variable "deletion_window_in_days" {
  description = "Days a deleted KMS key waits before AWS deletes it (7 to 30)."
  type        = number
  default     = 7
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
