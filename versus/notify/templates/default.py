"""The message used when no template_path is configured: compact Slack mrkdwn for Alertmanager
payloads (one line per alert) and for plain JSON bodies such as {"Logs", "ServiceName", "Severity"}.

It is written in Go template syntax, the form Versus users already know, so it doubles as an example.
"""

DEFAULT_SOURCE = """\
{{- if .alerts -}}
{{ if eq .status "resolved" }}:white_check_mark:{{ else }}:rotating_light:{{ end }} \
*[{{ upper .status }}{{ if eq .status "firing" }}:{{ len .alerts }}{{ end }}] \
{{ or .commonLabels.alertname .groupLabels.alertname "Alert" }}*\
{{ with .commonLabels.severity }} `{{ . }}`{{ end }}
{{- range .alerts }}
• {{ or .annotations.summary .annotations.description .labels.alertname }}\
{{ with .labels.instance }} `{{ . }}`{{ end }}\
{{ if and (eq .status "resolved") (eq $.status "firing") }} (resolved){{ end }}\
{{ with .generatorURL }} <{{ . }}|source>{{ end }}
{{- end }}
{{- else -}}
:rotating_light: *{{ or .ServiceName "Alert" }}*{{ with .Severity }} `{{ . }}`{{ end }}
{{- with .Logs }}
```{{ . }}```
{{- end }}
{{- end }}
{{- if .OnCall.enabled }}
:pager: On-call: {{ if .OnCall.wait_minutes }}escalates in {{ .OnCall.wait_minutes }} min \
unless acknowledged{{ else }}paged now{{ end }}
{{- end }}
{{- range .Warnings }}
:warning: {{ . }}
{{- end -}}
"""
