variable "namespace_name" {
  description = "Name of the Cloud Map private DNS namespace; route files address services as <service>.<namespace_name>."
  type        = string
  default     = "ecs.local"
}

variable "description" {
  description = "Description of the namespace."
  type        = string
  default     = "Service discovery for Kong, kongsync and the services Kong proxies to."
}

variable "vpc_id" {
  description = "ID of the VPC the namespace resolves in."
  type        = string
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
