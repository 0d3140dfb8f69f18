terraform {
  # 1.9 is the first release whose variable validations may refer to other variables.
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.47.0, < 7.0.0"
    }
    # hashicorp/aws cannot set the rotation ids of an ONCALL_SCHEDULE contact; awscc can.
    awscc = {
      source  = "hashicorp/awscc"
      version = ">= 1.96.0, < 2.0.0"
    }
  }
}
