# `terraform test`: plans the dev environment against a mocked AWS provider (no account, no credentials, no network),
# DB-less and in Postgres mode with every option on. Catches what `terraform validate` cannot: variable validations,
# count/for_each that must be known at plan time, conditional types, and the outputs users read.
mock_provider "aws" {
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_availability_zones" {
    defaults = {
      names = ["us-east-1a", "us-east-1b", "us-east-1c"]
    }
  }

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  domain_name     = "example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
  git_uri         = "https://github.com/my-org/gateway-routes.git"
}

run "dbless" {
  command = plan

  assert {
    condition     = length(module.kong_database) == 0 && length(module.bastion) == 0
    error_message = "The default is DB-less Kong without a bastion."
  }

  assert {
    condition     = output.webhook_urls.github == "https://kongsync.example.com/api/v1/webhooks/github"
    error_message = "The GitHub webhook URL is on the kongsync host."
  }

  assert {
    condition     = contains(output.public_urls, "https://nyan.example.com/")
    error_message = "nyan.<domain> is served through the ALB."
  }

  assert {
    condition     = output.namespace_name == "ecs.local"
    error_message = "The Cloud Map namespace is ecs.local, as routes/nyan.yaml expects."
  }

  assert {
    condition = output.ssm_parameter_names == tolist([
      "/kongsync/dev/api-token",
      "/kongsync/dev/webhook-bitbucket-secret",
      "/kongsync/dev/webhook-github-secret",
      "/kongsync/dev/webhook-gitlab-token",
    ])
    error_message = "kongsync's secrets are SSM parameters under /kongsync/dev, without a git password for a public repository."
  }

  assert {
    condition     = output.kong_migrations_command == null && length(aws_route53_record.alb) == 0
    error_message = "DB-less has no migrations; without a hosted zone no DNS record is created."
  }
}

run "postgres_with_every_option" {
  command = plan

  variables {
    kong_database_mode   = "postgres"
    enable_bastion       = true
    route53_zone_id      = "Z0123456789ABCDEFGHIJ"
    git_username         = "kongsync-bot"
    kong_secret_settings = { KONG_LICENSE_DATA = "license" }
    route_secret_parameters = {
      "orders-api/upstream-key" = "orders-api: key Kong sends upstream"
    }
  }

  assert {
    condition     = length(module.kong_database) == 1 && length(module.bastion) == 1
    error_message = "Postgres mode has a database; the bastion is created when asked for."
  }

  assert {
    condition     = length(aws_route53_record.alb) == 3
    error_message = "nyan, api and kongsync get alias records in the hosted zone."
  }

  assert {
    condition = output.ssm_parameter_names == tolist([
      "/kong/dev/orders-api/upstream-key",
      "/kong/dev/settings/license",
      "/kongsync/dev/api-token",
      "/kongsync/dev/git-password",
      "/kongsync/dev/webhook-bitbucket-secret",
      "/kongsync/dev/webhook-github-secret",
      "/kongsync/dev/webhook-gitlab-token",
    ])
    error_message = "Route secrets, Kong's secret settings and the git password are SSM parameters too."
  }
}

run "rejects_an_unknown_database_mode" {
  command = plan

  variables {
    kong_database_mode = "cassandra"
  }

  expect_failures = [var.kong_database_mode]
}
