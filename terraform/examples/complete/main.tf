# The seed guide's two teams, written by hand to match examples/seed-teams.yaml: Platform (weekly 24/7
# primary with a Monday 09:00 handoff, monthly secondary, four-stage tiered escalation) and Application
# (daily rotation, business hours only). `versus-gen terraform examples/seed-teams.yaml -o DIR` renders the
# same thing with one module block per object.

locals {
  # alias => [display name, email, phone]
  people = {
    alice   = ["Alice Nguyen", "alice@example.com", "+12065550101"]
    bob     = ["Bob Okafor", "bob@example.com", "+12065550102"]
    carol   = ["Carol Silva", "carol@example.com", "+12065550103"]
    dave    = ["Dave Kim", "dave@example.com", "+12065550104"]
    erin    = ["Erin Novak", "erin@example.com", "+12065550105"]
    frank   = ["Frank Osei", "frank@example.com", "+12065550106"]
    grace   = ["Grace Lee", "grace@example.com", "+12065550107"]
    heidi   = ["Heidi Braun", "heidi@example.com", "+12065550108"]
    ivan    = ["Ivan Petrov", "ivan@example.com", "+12065550109"]
    judy    = ["Judy Chen", "judy@example.com", "+12065550110"]
    mallory = ["Mallory Diaz", "mallory@example.com", "+12065550111"]
    niaj    = ["Niaj Haddad", "niaj@example.com", "+12065550112"]
    olivia  = ["Olivia Park", "olivia@example.com", "+12065550113"]
  }

  business_hours = [{ start = "08:00", end = "18:00" }]
  person         = module.contacts.contact_arns
}

module "replication_set" {
  source = "../../modules/replication-set"

  regions = [{ name = var.region }]
}

module "contacts" {
  source = "../../modules/contacts"

  contacts = {
    for alias, person in local.people : alias => {
      display_name = person[0]
      channels = {
        email = { type = "EMAIL", address = person[1] }
        sms   = { type = "SMS", address = person[2] }
        voice = { type = "VOICE", address = person[2] }
      }
      # Text first, then call five minutes later if nobody has acknowledged.
      engagement_plan = [
        { duration_in_minutes = 5, channels = ["email", "sms"] },
        { duration_in_minutes = 0, channels = ["voice"] },
      ]
    }
  }

  depends_on = [module.replication_set]
}

module "platform_rotation" {
  source = "../../modules/oncall-schedule"

  rotation_name = "Platform_Rotation"
  alias         = "platform-rotation"
  display_name  = "24/7 support rotation for platform infrastructure"
  contact_arns  = [local.person["alice"], local.person["bob"], local.person["carol"], local.person["dave"]]
  time_zone_id  = "America/New_York"
  start_time    = "2026-01-05T09:00:00-05:00"
  recurrence = {
    weekly = [{ day_of_week = "MON", hand_off_time = "09:00" }]
  }
  tags = { team = "platform", layer = "primary" }

  depends_on = [module.replication_set]
}

module "platform_secondary" {
  source = "../../modules/oncall-schedule"

  rotation_name = "Platform_Secondary"
  alias         = "platform-secondary"
  display_name  = "Secondary platform on-call, monthly"
  contact_arns  = [local.person["erin"], local.person["frank"]]
  time_zone_id  = "America/New_York"
  start_time    = "2026-01-01T09:00:00-05:00"
  recurrence = {
    monthly = [{ day_of_month = 1, hand_off_time = "09:00" }]
  }
  tags = { team = "platform", layer = "secondary" }

  depends_on = [module.replication_set]
}

module "app_rotation" {
  source = "../../modules/oncall-schedule"

  rotation_name = "App_Rotation"
  alias         = "app-rotation"
  display_name  = "Daily business-hours rotation for application services"
  contact_arns  = [local.person["mallory"], local.person["niaj"], local.person["olivia"]]
  time_zone_id  = "America/New_York"
  start_time    = "2026-01-05T08:00:00-05:00"
  recurrence = {
    daily = ["08:00"]
    shift_coverages = {
      MON = local.business_hours
      TUE = local.business_hours
      WED = local.business_hours
      THU = local.business_hours
      FRI = local.business_hours
    }
  }
  tags = { team = "application", layer = "primary" }

  depends_on = [module.replication_set]
}

module "platform_escalation" {
  source = "../../modules/escalation-plan"

  alias        = "platform-tiered-escalation"
  display_name = "Platform-Tiered-Escalation"
  stages = [
    { duration_in_minutes = 5, targets = [{ contact_arn = module.platform_rotation.contact_arn }] },
    { duration_in_minutes = 5, targets = [{ contact_arn = module.platform_secondary.contact_arn }, { contact_arn = local.person["grace"] }] },
    { duration_in_minutes = 10, targets = [{ contact_arn = local.person["heidi"] }, { contact_arn = local.person["ivan"] }] },
    { duration_in_minutes = 0, targets = [{ contact_arn = local.person["judy"] }] },
  ]
  tags = { team = "platform" }
}

module "app_escalation" {
  source = "../../modules/escalation-plan"

  alias        = "app-escalation"
  display_name = "Application escalation"
  stages = [
    { duration_in_minutes = 5, targets = [{ contact_arn = module.app_rotation.contact_arn }] },
    { duration_in_minutes = 10, targets = [{ contact_arn = local.person["heidi"] }] },
  ]
  tags = { team = "application" }
}

module "platform_critical_plan" {
  source = "../../modules/response-plan"

  name                       = "PlatformCriticalPlan"
  title                      = "Critical platform outage"
  impact                     = 1
  dedupe_string              = "versus-platform"
  escalation_plan_arn        = module.platform_escalation.arn
  chat_channel_sns_topic_arn = "arn:aws:sns:${var.region}:${var.account_id}:platform-incidents"
  runbook = {
    document_name      = "AWS-RestartEC2Instance"
    dynamic_parameters = { InstanceId = "INVOLVED_RESOURCES" }
  }
  tags = { team = "platform", "versus-alias" = "platform" }
}

module "network_critical_plan" {
  source = "../../modules/response-plan"

  name                = "NetworkCriticalPlan"
  title               = "Critical network outage"
  impact              = 2
  dedupe_string       = "versus-network"
  escalation_plan_arn = module.platform_escalation.arn
  tags                = { team = "platform", "versus-alias" = "network" }
}

module "app_critical_plan" {
  source = "../../modules/response-plan"

  name                = "AppCriticalPlan"
  title               = "Critical application incident"
  impact              = 2
  dedupe_string       = "versus-app"
  escalation_plan_arn = module.app_escalation.arn
  tags                = { team = "application", "versus-alias" = "app" }
}

module "versus_iam" {
  source = "../../modules/versus-iam"

  runtime                    = var.runtime
  response_plan_name_pattern = "*Critical*"
}

module "dashboard" {
  source = "../../modules/dashboard"

  namespace = "Versus"
}
