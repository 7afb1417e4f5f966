variables {
  vpc_cidr = "10.0.0.0/16"
  az_count = 2
}

run "two_azs_of_slash_20" {
  command = plan

  assert {
    condition     = output.public_cidrs == ["10.0.0.0/20", "10.0.16.0/20"]
    error_message = "Public subnets should be the first two /20 blocks."
  }

  assert {
    condition     = output.private_cidrs == ["10.0.128.0/20", "10.0.144.0/20"]
    error_message = "Private subnets should start in the upper half of the VPC range."
  }

  assert {
    condition     = output.subnet_prefix_length == 20
    error_message = "A /16 split with newbits 4 gives /20 subnets."
  }
}

run "adding_an_az_keeps_existing_subnets" {
  command = plan

  variables {
    az_count = 3
  }

  assert {
    condition     = slice(output.public_cidrs, 0, 2) == ["10.0.0.0/20", "10.0.16.0/20"]
    error_message = "A third AZ must not renumber the public subnets of the first two."
  }

  assert {
    condition     = slice(output.private_cidrs, 0, 2) == ["10.0.128.0/20", "10.0.144.0/20"]
    error_message = "A third AZ must not renumber the private subnets of the first two."
  }
}

run "smaller_subnets" {
  command = plan

  variables {
    vpc_cidr = "172.16.0.0/20"
    newbits  = 6
  }

  assert {
    condition     = output.public_cidrs[0] == "172.16.0.0/26"
    error_message = "A /20 split with newbits 6 gives /26 subnets."
  }
}

run "rejects_a_bad_cidr" {
  command = plan

  variables {
    vpc_cidr = "10.0.0.0"
  }

  expect_failures = [var.vpc_cidr]
}

run "rejects_zero_azs" {
  command = plan

  variables {
    az_count = 0
  }

  expect_failures = [var.az_count]
}
