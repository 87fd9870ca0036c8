# Where the resources went when the ecs-service module took them over: state moves, nothing is replaced.

moved {
  from = aws_cloudwatch_log_group.this
  to   = module.service.aws_cloudwatch_log_group.this
}

moved {
  from = aws_iam_role.execution
  to   = module.service.aws_iam_role.execution
}

moved {
  from = aws_iam_role_policy_attachment.execution
  to   = module.service.aws_iam_role_policy_attachment.execution
}

moved {
  from = aws_iam_role_policy.execution_secrets
  to   = module.service.aws_iam_role_policy.execution_secrets[0]
}

moved {
  from = aws_iam_role.task
  to   = module.service.aws_iam_role.task
}

moved {
  from = aws_iam_role_policy_attachment.task_exec
  to   = module.service.aws_iam_role_policy_attachment.task_exec
}

moved {
  from = aws_service_discovery_service.admin
  to   = module.service.aws_service_discovery_service.this[0]
}

moved {
  from = aws_ecs_task_definition.kong
  to   = module.service.aws_ecs_task_definition.this
}

moved {
  from = aws_ecs_service.kong
  to   = module.service.aws_ecs_service.this
}
