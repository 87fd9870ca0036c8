variable "name" {
  type        = string
  description = "Name of the queue."
}

variable "delay_seconds" {
  type        = number
  description = "Delivery delay; required, it has no default."
}

variable "visibility_timeout_seconds" {
  type        = number
  description = "Visibility timeout."
  default     = 30
}
