# Broken on purpose (Rule.VARIABLE_TYPE): "retention" has no type.
variable "name" {
  type        = string
  description = "Name of the log group."
}

variable "retention" {
  description = "Days of retention."
  default     = 30
}
