variable "name" {
  description = "Prefix of the security groups' names."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC the security groups belong to."
  type        = string
}

variable "alb_ingress_cidrs" {
  description = "IPv4 CIDRs allowed to reach the ALB on 80 and 443."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "kong_proxy_port" {
  description = "Kong's plain-HTTP proxy port (KONG_PROXY_LISTEN); TLS ends at the ALB."
  type        = number
  default     = 8000
}

variable "kong_status_port" {
  description = "Kong's status API port (KONG_STATUS_LISTEN), the ALB's health check target."
  type        = number
  default     = 8100
}

variable "kong_admin_port" {
  description = "Kong's admin API port (KONG_ADMIN_LISTEN), reachable from kongsync only."
  type        = number
  default     = 8001
}

variable "kongsync_http_port" {
  description = "kongsync's HTTP port (server.port): webhooks and the REST API."
  type        = number
  default     = 8080
}

variable "kongsync_management_port" {
  description = "kongsync's management port (management.server.port): /actuator/health and /actuator/prometheus."
  type        = number
  default     = 8081
}

variable "nyan_port" {
  description = "Port the sample nyan service listens on."
  type        = number
  default     = 80
}

variable "database_port" {
  description = "Postgres port."
  type        = number
  default     = 5432
}

variable "create_database_group" {
  description = "Create the database's security group (Kong in Postgres mode)."
  type        = bool
  default     = false
}

variable "create_bastion_group" {
  description = "Create the bastion's security group."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
