variable "name" {
  description = "Name of kongsync's ECS service, task definition family, ECR repository and roles."
  type        = string
}

variable "region" {
  description = "AWS region (awslogs, SSM ARNs, KONGSYNC_AWS_REGION)."
  type        = string
}

variable "image" {
  description = "kongsync image; null creates an ECR repository named after the service and runs <repository>:<image_tag>."
  type        = string
  default     = null
}

variable "image_tag" {
  description = "Tag of the image in the ECR repository (tags are immutable: push a new tag per release)."
  type        = string
  default     = "0.1.0"
}

variable "ecr_force_delete" {
  description = "Let `terraform destroy` delete the ECR repository with its images."
  type        = bool
  default     = false
}

variable "cpu" {
  description = "Fargate CPU units of the task (512 = 0.5 vCPU)."
  type        = number
  default     = 512
}

variable "memory" {
  description = "Fargate memory of the task, in MiB."
  type        = number
  default     = 1024
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64; must match the architecture the image was built for."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "http_port" {
  description = "kongsync's HTTP port (server.port): webhooks and the REST API."
  type        = number
  default     = 8080
}

variable "management_port" {
  description = "kongsync's management port (management.server.port): /actuator/health."
  type        = number
  default     = 8081
}

variable "git_uri" {
  description = "URI of the git repository holding the route files (KONGSYNC_GIT_URI)."
  type        = string
}

variable "git_branch" {
  description = "Branch kongsync follows (KONGSYNC_GIT_BRANCH)."
  type        = string
  default     = "main"
}

variable "git_path" {
  description = "Directory of the route files inside the repository (KONGSYNC_GIT_PATH)."
  type        = string
  default     = "routes"
}

variable "git_username" {
  description = "User name for an HTTPS git URI (KONGSYNC_GIT_USERNAME); its password comes through secrets. Null for a public repository."
  type        = string
  default     = null
}

variable "drift_interval" {
  description = "How often kongsync re-checks Kong against git (KONGSYNC_DRIFT_INTERVAL); it also re-configures DB-less Kong tasks that restarted empty."
  type        = string
  default     = "1m"
}

variable "namespace_name" {
  description = "Cloud Map namespace of Kong's admin nodes (KONGSYNC_KONG_DISCOVERY_NAMESPACE)."
  type        = string
}

variable "kong_discovery_service" {
  description = "Cloud Map service of Kong's admin nodes (KONGSYNC_KONG_DISCOVERY_SERVICE)."
  type        = string
}

variable "environment" {
  description = "Extra non-secret settings as environment variables, merged over the module's."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Secret settings: environment variable name (KONGSYNC_API_TOKEN, ...) => ARN of an SSM SecureString parameter."
  type        = map(string)

  validation {
    condition     = length(var.secrets) > 0 && alltrue([for arn in values(var.secrets) : can(regex("^arn:[^:]+:ssm:", arn))])
    error_message = "secrets must name at least one SSM parameter, each by its ARN."
  }
}

variable "desired_count" {
  description = "Number of kongsync tasks. With 2 or more (the default), each task runs in its own availability zone as far as the subnets allow, they share the store (required) and take turns to sync through its lock, and deployments roll (at least half the tasks keep serving). 1 runs without a store, replaced by stopping it first."
  type        = number
  default     = 2

  validation {
    condition     = var.desired_count >= 1 && floor(var.desired_count) == var.desired_count
    error_message = "desired_count must be a whole number, 1 or more."
  }
}

variable "store" {
  description = "kongsync's shared store (PostgreSQL, from the kongsync-store module): its JDBC URL and user as environment (KONGSYNC_STORE_URL, KONGSYNC_STORE_USERNAME) and the ARN of the SSM SecureString parameter holding the password (secret KONGSYNC_STORE_PASSWORD). Null keeps the history in the task's data directory, which dies with the task."
  type = object({
    url                    = string
    username               = string
    password_parameter_arn = string
  })
  default = null

  validation {
    condition     = var.store == null || (can(regex("^jdbc:postgresql://", var.store.url)) && can(regex("^arn:[^:]+:ssm:", var.store.password_parameter_arn)))
    error_message = "store.url must be a jdbc:postgresql:// URL and store.password_parameter_arn the ARN of an SSM parameter."
  }
}

variable "readable_parameter_paths" {
  description = "SSM paths the running kongsync may read (its own, and the one route files reference), e.g. [\"/kongsync/dev\", \"/kong/dev\"]."
  type        = list(string)

  validation {
    condition     = length(var.readable_parameter_paths) > 0 && alltrue([for path in var.readable_parameter_paths : startswith(path, "/")])
    error_message = "readable_parameter_paths must hold at least one path, each starting with /."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key of the SSM parameters."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster."
  type        = string
}

variable "vpc_id" {
  description = "ID of the VPC (for the target group)."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the tasks, one per availability zone (at least two, so the tasks and the store span two zones)."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "private_subnet_ids must hold at least two subnets, in different availability zones."
  }
}

variable "security_group_id" {
  description = "ID of kongsync's security group, the one Kong's admin API admits."
  type        = string
}

variable "https_listener_arn" {
  description = "ARN of the ALB's HTTPS listener that gets the webhook rule."
  type        = string
}

variable "target_group_name" {
  description = "Name of kongsync's target group (at most 32 characters)."
  type        = string
}

variable "webhook_host" {
  description = "Host name of the webhook endpoint (e.g. kongsync.example.com), covered by the ALB's certificate."
  type        = string
}

variable "listener_rule_priority" {
  description = "Priority of the webhook rule on the HTTPS listener; the host's catch-all 404 takes the next one."
  type        = number
  default     = 10
}

variable "exec_policy_arn" {
  description = "ARN of the IAM policy for ECS Exec (from the ecs-cluster module)."
  type        = string
}

variable "enable_execute_command" {
  description = "Allow `aws ecs execute-command` into the kongsync task (break-glass access)."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps kongsync's logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags merged into every taggable resource's tags (the provider's default_tags come on top)."
  type        = map(string)
  default     = {}
}
