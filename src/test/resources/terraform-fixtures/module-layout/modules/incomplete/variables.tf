variable "name" {
  type        = string
  description = "Name of the log group."
}

variable "tags" {
  type        = map(string)
  description = "Tags of the log group."
  default     = {}
}
