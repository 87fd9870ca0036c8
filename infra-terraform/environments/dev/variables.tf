variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "us-east-1"
}

variable "project" {
  description = "Project name: the prefix of every resource's name and the Project tag."
  type        = string
  default     = "gateway"
}

variable "environment" {
  description = "Environment name: part of every resource's name, the Environment tag and the SSM paths (/kongsync/<environment>, /kong/<environment>)."
  type        = string
  default     = "dev"
}

variable "tags" {
  description = "Extra tags for every taggable resource (Owner, CostCenter...); Project, Environment and ManagedBy come from the provider's default_tags."
  type        = map(string)
  default     = {}
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC (a /16)."
  type        = string
  default     = "10.20.0.0/16"
}

variable "az_count" {
  description = "Availability zones to spread over (2 or 3)."
  type        = number
  default     = 2
}

variable "single_nat_gateway" {
  description = "One NAT gateway for the whole VPC (dev) instead of one per availability zone."
  type        = bool
  default     = true
}

variable "domain_name" {
  description = "Domain the public host names live under: nyan.<domain_name>, kongsync.<domain_name>."
  type        = string
}

variable "certificate_arn" {
  description = "ARN of an issued ACM certificate in var.region covering the public host names (e.g. *.<domain_name>)."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of domain_name, to create the host names as aliases of the ALB; null to create them elsewhere."
  type        = string
  default     = null
}

variable "proxy_hostnames" {
  description = "Host names (under domain_name) that Kong serves through the ALB; the route files' hosts must match."
  type        = list(string)
  default     = ["nyan", "api"]
}

variable "kongsync_hostname" {
  description = "Host name (under domain_name) of kongsync's webhook endpoint."
  type        = string
  default     = "kongsync"
}

variable "alb_ingress_cidrs" {
  description = "IPv4 CIDRs allowed to reach the ALB; narrow it to your office and your git host's webhook ranges if you can."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "namespace_name" {
  description = "Cloud Map private DNS namespace; routes/nyan.yaml expects ecs.local."
  type        = string
  default     = "ecs.local"
}

variable "capacity_provider" {
  description = "FARGATE, or FARGATE_SPOT for Kong and the sample service (about 70% cheaper, interruptible); kongsync always runs on FARGATE."
  type        = string
  default     = "FARGATE"

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.capacity_provider)
    error_message = "capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "container_insights" {
  description = "Turn on CloudWatch Container Insights for the cluster."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the tasks' logs."
  type        = number
  default     = 14
}

variable "kong_image" {
  description = "Kong Gateway image."
  type        = string
  default     = "kong:3.9"
}

variable "kong_cpu" {
  description = "Fargate CPU units of a Kong task."
  type        = number
  default     = 512
}

variable "kong_memory" {
  description = "Fargate memory of a Kong task, in MiB."
  type        = number
  default     = 1024
}

variable "kong_desired_count" {
  description = "Number of Kong tasks (1 in dev; 2 or more for availability). Set 0 for the first apply in postgres mode, until the migrations ran."
  type        = number
  default     = 1
}

variable "kong_database_mode" {
  description = "off (DB-less, configured by kongsync's POST /config) or postgres (RDS; run the migrations task once)."
  type        = string
  default     = "off"

  validation {
    condition     = contains(["off", "postgres"], var.kong_database_mode)
    error_message = "kong_database_mode must be off or postgres."
  }
}

variable "kong_database_deletion_protection" {
  description = "Protect Kong's database from deletion (and take a final snapshot); postgres mode only."
  type        = bool
  default     = false
}

variable "kong_secret_settings" {
  description = "Secret Kong settings read from SSM SecureString: KONG_* variable => parameter name under /kong/<environment>/settings/."
  type        = map(string)
  default     = {}
}

variable "route_secret_parameters" {
  description = "SecureString parameters the route files reference, name under /kong/<environment>/ => description."
  type        = map(string)
  default     = {}
}

variable "kongsync_desired_count" {
  description = "Number of kongsync tasks: 2, one per availability zone, taking turns to sync through the shared store's lock, with rolling deployments."
  type        = number
  default     = 2
}

variable "kongsync_store_deletion_protection" {
  description = "Protect kongsync's own store instance from deletion (and take a final snapshot); DB-less mode only (in postgres mode the store is on Kong's instance)."
  type        = bool
  default     = false
}

variable "kongsync_image" {
  description = "kongsync image; null runs <the ECR repository this creates>:<kongsync_image_tag>."
  type        = string
  default     = null
}

variable "kongsync_image_tag" {
  description = "Tag of the kongsync image pushed to the ECR repository."
  type        = string
  default     = "0.1.0"
}

variable "git_uri" {
  description = "URI of the git repository with the route files."
  type        = string
}

variable "git_branch" {
  description = "Branch kongsync follows."
  type        = string
  default     = "main"
}

variable "git_path" {
  description = "Directory of the route files in the repository."
  type        = string
  default     = "routes"
}

variable "git_username" {
  description = "User name for an HTTPS git URI (its password goes in /kongsync/<environment>/git-password); null for a public repository."
  type        = string
  default     = null
}

variable "drift_interval" {
  description = "How often kongsync compares Kong with git and re-configures DB-less nodes that restarted empty."
  type        = string
  default     = "1m"
}

variable "nyan_image" {
  description = "Image of the sample nyan service."
  type        = string
  default     = "nginx:stable-alpine"
}

variable "enable_bastion" {
  description = "Create the optional bastion (SSM Session Manager, no SSH); ECS Exec is the default break-glass access."
  type        = bool
  default     = false
}
