//go:build tools

// This file imports one package of each corpus module so that go mod tidy
// keeps every pinned module in go.mod and go.sum. It is never built: the
// tools build tag is never set.
package corpus

import (
	_ "github.com/PagerDuty/go-pagerduty"
	_ "github.com/PuerkitoBio/rehttp"
	_ "github.com/avast/retry-go/v4"
	_ "github.com/aws/aws-sdk-go-v2"
	_ "github.com/cenkalti/backoff/v5"
	_ "github.com/digitalocean/godo"
	_ "github.com/getsentry/sentry-go"
	_ "github.com/go-resty/resty/v2"
	_ "github.com/gojek/heimdall/v7"
	_ "github.com/google/go-github/v93/github"
	_ "github.com/grpc-ecosystem/go-grpc-middleware/v2"
	_ "github.com/hashicorp/go-retryablehttp"
	_ "github.com/hashicorp/go-tfe"
	_ "github.com/hashicorp/vault/api"
	_ "github.com/linode/linodego"
	_ "github.com/minio/minio-go/v7"
	_ "github.com/moby/moby/client"
	_ "github.com/nats-io/nats.go"
	_ "github.com/prometheus/client_golang/api"
	_ "github.com/sashabaranov/go-openai"
	_ "github.com/slack-go/slack"
	_ "gitlab.com/gitlab-org/api/client-go"
	_ "go.etcd.io/etcd/client/v3"
	_ "go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	_ "google.golang.org/grpc"
)
