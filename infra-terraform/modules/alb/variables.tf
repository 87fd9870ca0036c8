variable "name" {
  description = "Name of the load balancer (at most 27 characters: target group names add a suffix)."
  type        = string

  validation {
    condition     = length(var.name) <= 27
    error_message = "name must be at most 27 characters long."
  }
}

variable "vpc_id" {
  description = "ID of the VPC the target groups belong to."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets the load balancer lives in (one per availability zone)."
  type        = list(string)
}

variable "security_group_id" {
  description = "ID of the load balancer's security group."
  type        = string
}

variable "certificate_arn" {
  description = "ARN of the ACM certificate served on 443 (e.g. for *.example.com), in the same region."
  type        = string
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "kong_proxy_port" {
  description = "Kong's plain-HTTP proxy port, where the ALB sends traffic."
  type        = number
  default     = 8000
}

variable "kong_status_port" {
  description = "Kong's status API port, where the ALB checks Kong's health."
  type        = number
  default     = 8100
}

variable "kong_health_check_path" {
  description = "Path of the health check on Kong's status port: /status/ready (serves traffic once configured) or /status (up)."
  type        = string
  default     = "/status/ready"
}

variable "idle_timeout" {
  description = "Seconds a connection may stay idle."
  type        = number
  default     = 60
}

variable "deletion_protection" {
  description = "Refuse to delete the load balancer (turn off before `terraform destroy`)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
