package main

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"
)

// rawText is what `raw` returns: printed as it is, never escaped.
type rawText string

// emptyArg stands for a missing printf argument, which Versus prints as empty (padded to the width).
type emptyArg struct{}

func (emptyArg) Format(f fmt.State, verb rune) {
	if width, ok := f.Width(); ok {
		f.Write([]byte(strings.Repeat(" ", width)))
	}
}

func isMissing(v any) bool { return v == nil }

func isNumber(v any) bool {
	switch v.(type) {
	case int, float64:
		return true
	}
	return false
}

func toFloat(v any) float64 {
	if i, ok := v.(int); ok {
		return float64(i)
	}
	return v.(float64)
}

// text is how a value reads as a string argument: itself, "" when missing, else %v.
func text(v any) string {
	switch s := v.(type) {
	case nil:
		return ""
	case string:
		return s
	case rawText:
		return string(s)
	}
	return fmt.Sprint(v)
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func out(v any) any {
	if r, ok := v.(rawText); ok {
		return string(r)
	}
	return escape(text(v))
}

func printArgs(args ...any) string {
	var b strings.Builder
	for i, v := range args {
		_, isStr := v.(string)
		prevStr := false
		if i > 0 {
			_, prevStr = args[i-1].(string)
		}
		if i > 0 && !isStr && !prevStr {
			b.WriteByte(' ')
		}
		b.WriteString(text(v))
	}
	return b.String()
}

func equal(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if isNumber(a) && isNumber(b) {
		return toFloat(a) == toFloat(b)
	}
	sa, okA := a.(string)
	sb, okB := b.(string)
	if okA && okB {
		return sa == sb
	}
	if reflect.TypeOf(a) != reflect.TypeOf(b) {
		return false
	}
	return reflect.DeepEqual(a, b)
}

func ordered(a, b any) (int, error) {
	if isNumber(a) && isNumber(b) {
		x, y := toFloat(a), toFloat(b)
		switch {
		case x < y:
			return -1, nil
		case x > y:
			return 1, nil
		}
		return 0, nil
	}
	sa, okA := a.(string)
	sb, okB := b.(string)
	if okA && okB {
		return strings.Compare(sa, sb), nil
	}
	return 0, fmt.Errorf("incompatible types for comparison")
}

func compare(test func(int) bool) func(a, b any) (bool, error) {
	return func(a, b any) (bool, error) {
		c, err := ordered(a, b)
		return test(c), err
	}
}

func integer(v any, what string) (int, error) {
	switch n := v.(type) {
	case int:
		return n, nil
	case float64:
		if n == math.Trunc(n) {
			return int(n), nil
		}
	}
	return 0, fmt.Errorf("%s: expected an integer", what)
}

func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case int:
		return x == 0
	case float64:
		return x == 0
	case string:
		return x == ""
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	case []string:
		return len(x) == 0
	}
	return false
}

func toTime(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x, true
	case int:
		return time.Unix(int64(x), 0).UTC(), true
	case float64:
		sec, frac := math.Modf(x)
		return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC(), true
	case string:
		t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(x))
		if err != nil {
			return time.Time{}, false
		}
		return t, true
	}
	return time.Time{}, false
}

func marshal(v any) string {
	var b strings.Builder
	encoder := json.NewEncoder(&b)
	if err := encoder.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func list(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	}
	return []any{v}
}

func titleWords(s string, keepRest bool) string {
	var b strings.Builder
	prev := ' '
	for _, r := range s {
		var start bool
		if keepRest {
			start = isSeparator(prev)
		} else {
			start = !(unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '\'' || prev == '’' || prev == '_')
		}
		switch {
		case start:
			b.WriteRune(unicode.ToUpper(r))
		case keepRest:
			b.WriteRune(r)
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		prev = r
	}
	return b.String()
}

// isSeparator is strings.Title's word boundary.
func isSeparator(r rune) bool {
	if r <= 0x7F {
		switch {
		case '0' <= r && r <= '9', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', r == '_':
			return false
		}
		return true
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return false
	}
	return unicode.IsSpace(r)
}

func validPrefix(b []byte) string {
	for len(b) > 0 && !utf8.Valid(b) {
		b = b[:len(b)-1]
	}
	return string(b)
}

func common(env map[string]string) template.FuncMap {
	return template.FuncMap{
		"__out": out,
		"raw":   func(v any) rawText { return rawText(text(v)) },
		"eq": func(a any, others ...any) bool {
			for _, o := range others {
				if equal(a, o) {
					return true
				}
			}
			return false
		},
		"ne": func(a, b any) bool { return !equal(a, b) },
		"lt": compare(func(c int) bool { return c < 0 }),
		"le": compare(func(c int) bool { return c <= 0 }),
		"gt": compare(func(c int) bool { return c > 0 }),
		"ge": compare(func(c int) bool { return c >= 0 }),
		"len": func(v any) (int, error) {
			switch x := v.(type) {
			case nil:
				return 0, nil
			case string:
				return len(x), nil
			case []any:
				return len(x), nil
			case []string:
				return len(x), nil
			case map[string]any:
				return len(x), nil
			}
			return 0, fmt.Errorf("len of type %T", v)
		},
		"index": func(v any, keys ...any) (any, error) {
			for _, key := range keys {
				switch x := v.(type) {
				case nil:
					return nil, nil
				case map[string]any:
					s, _ := key.(string)
					v = x[s]
				case []any, []string, string:
					i, ok := key.(int)
					if !ok {
						return nil, fmt.Errorf("cannot index a list with %v", key)
					}
					items := list(x)
					if s, isStr := x.(string); isStr {
						if i < 0 || i >= len(s) {
							v = nil
						} else {
							v = int(s[i])
						}
						continue
					}
					if i < 0 || i >= len(items) {
						v = nil
					} else {
						v = items[i]
					}
				default:
					return nil, fmt.Errorf("can't index item of type %T", v)
				}
			}
			return v, nil
		},
		"print": printArgs,
		"println": func(args ...any) string {
			parts := make([]string, len(args))
			for i, a := range args {
				parts[i] = text(a)
			}
			return strings.Join(parts, " ") + "\n"
		},
		"printf": func(format any, args ...any) string {
			for i, a := range args {
				if a == nil {
					args[i] = emptyArg{}
				}
			}
			return fmt.Sprintf(text(format), args...)
		},
		"html":     func(args ...any) rawText { return rawText(template.HTMLEscapeString(printArgs(args...))) },
		"urlquery": func(args ...any) string { return url.QueryEscape(printArgs(args...)) },
		"upper":    func(v any) string { return strings.Map(unicode.ToUpper, text(v)) },
		"lower":    func(v any) string { return strings.Map(unicode.ToLower, text(v)) },
		"trim":     func(v any) string { return strings.TrimSpace(text(v)) },
		"date": func(layout, v any) string {
			if v == nil {
				return ""
			}
			t, ok := toTime(v)
			if !ok {
				return text(v)
			}
			return t.Format(text(layout))
		},
		"toJson":     func(v any) string { return marshal(v) },
		"repeat":     func(count int, v any) string { return strings.Repeat(text(v), count) },
		"env":        func(name any) string { return env[text(name)] },
		"toString":   func(v any) string { return fmt.Sprint(v) },
		"replaceAll": func(s, old, new any) string { return strings.ReplaceAll(text(s), text(old), text(new)) },
		"truncate": func(s any, n any) (string, error) {
			limit, err := integer(n, "truncate")
			if err != nil || len(text(s)) <= limit {
				return text(s), err
			}
			if limit < 0 {
				limit = 0
			}
			return validPrefix([]byte(text(s))[:limit]), nil
		},
		"escapeHTML": func(v any) rawText { return rawText(template.HTMLEscapeString(fmt.Sprint(v))) },
		"formatTime": func(v any) string {
			s, ok := v.(string)
			if !ok {
				return "Invalid time"
			}
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return "Invalid time"
			}
			return t.Format("2006-01-02 15:04:05")
		},
		"now": time.Now,
		"format": func(layout any, v any) string {
			switch x := v.(type) {
			case time.Time:
				return x.Format(text(layout))
			case string:
				t, err := time.Parse(time.RFC3339, x)
				for _, f := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006/01/02 15:04:05", "2006-01-02", "01/02/2006"} {
					if err == nil {
						break
					}
					t, err = time.Parse(f, x)
				}
				if err != nil {
					return "Invalid time format"
				}
				return t.Format(text(layout))
			}
			return fmt.Sprintf("Unsupported type for format: %T", v)
		},
		"dict": func(pairs ...any) (map[string]any, error) {
			if len(pairs)%2 != 0 {
				return nil, fmt.Errorf("dict expects an even number of arguments")
			}
			d := map[string]any{}
			for i := 0; i < len(pairs); i += 2 {
				key, ok := pairs[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict keys must be strings")
				}
				d[key] = pairs[i+1]
			}
			return d, nil
		},
		"list":   func(items ...any) []any { return append([]any{}, items...) },
		"append": func(items any, more ...any) []any { return append(append([]any{}, list(items)...), more...) },
		"stringSlice": func(items any) []string {
			out := []string{}
			for _, item := range list(items) {
				out = append(out, fmt.Sprint(item))
			}
			return out
		},
		"add": func(a, b any) any {
			if isNumber(a) && isNumber(b) {
				ai, aInt := a.(int)
				bi, bInt := b.(int)
				if aInt && bInt {
					return ai + bi
				}
				return toFloat(a) + toFloat(b)
			}
			return fmt.Sprint(a) + fmt.Sprint(b)
		},
		"regexMatch": func(pattern, s any) bool {
			matched, err := regexp.MatchString(text(pattern), text(s))
			return err == nil && matched
		},
	}
}

func sprig() template.FuncMap {
	return template.FuncMap{
		"default": func(fallback any, given ...any) any {
			if len(given) == 0 || empty(given[0]) {
				return fallback
			}
			return given[0]
		},
		"join": func(sep any, values any) string {
			parts := []string{}
			for _, v := range list(values) {
				if v != nil {
					parts = append(parts, text(v))
				}
			}
			return strings.Join(parts, text(sep))
		},
		"replace":    func(old, new, s any) string { return strings.ReplaceAll(text(s), text(old), text(new)) },
		"contains":   func(sub, s any) bool { return strings.Contains(text(s), text(sub)) },
		"trimPrefix": func(p, s any) string { return strings.TrimPrefix(text(s), text(p)) },
		"trimSuffix": func(p, s any) string { return strings.TrimSuffix(text(s), text(p)) },
		"split": func(sep, s any) map[string]any {
			out := map[string]any{}
			for i, part := range strings.Split(text(s), text(sep)) {
				out[fmt.Sprintf("_%d", i)] = part
			}
			return out
		},
		"title": func(v any) string { return titleWords(text(v), true) },
	}
}

func versus() template.FuncMap {
	return template.FuncMap{
		"default": func(v, fallback any) any {
			if v == nil || v == "" {
				return fallback
			}
			return v
		},
		"join": func(values any, sep any) string {
			parts := []string{}
			for _, v := range list(values) {
				parts = append(parts, fmt.Sprint(v))
			}
			return strings.Join(parts, text(sep))
		},
		"replace":    func(s, old, new any) string { return strings.ReplaceAll(text(s), text(old), text(new)) },
		"contains":   func(s, sub any) bool { return strings.Contains(text(s), text(sub)) },
		"trimPrefix": func(s, p any) string { return strings.TrimPrefix(text(s), text(p)) },
		"trimSuffix": func(s, p any) string { return strings.TrimSuffix(text(s), text(p)) },
		"split":      func(s, sep any) []string { return strings.Split(text(s), text(sep)) },
		"title":      func(v any) string { return titleWords(text(v), false) },
		"slice": func(v any, start, end any) (string, error) {
			s, ok := v.(string)
			if !ok {
				return "", nil
			}
			first, err := integer(start, "slice")
			if err != nil {
				return "", err
			}
			last, err := integer(end, "slice")
			if err != nil {
				return "", err
			}
			if first < 0 || last > len(s) || first > last {
				return s, nil
			}
			return strings.ToValidUTF8(s[first:last], ""), nil
		},
	}
}

func functions(set string, env map[string]string) template.FuncMap {
	funcs := common(env)
	extra := versus()
	if set == "sprig" {
		extra = sprig()
	}
	for name, f := range extra {
		funcs[name] = f
	}
	return funcs
}
