# Broken on purpose (Rule.VARIABLE_DESCRIPTION): one variable has no description, one a blank one.
variable "name" {
  type = string
}

variable "retention" {
  type        = number
  description = " "
  default     = 30
}

variable "region" {
  type        = string
  description = "AWS region."
}
