package results

import (
	"reflect"
	"strings"

	"github.com/mineralplan/mineralplan/scenarios"
)

// source is one reference of the scenario as the report lists it.
type source struct {
	ID, Title, URL string
	// Cited is how many objects of the scenario cite it in their source field.
	Cited int
}

// sources lists the scenario's references in its order, each with the number
// of objects (sites, technologies, markets, …) whose source field cites it.
func sources(s *scenarios.Scenario) []source {
	var cites []string
	collectSources(reflect.ValueOf(s).Elem(), &cites)
	out := make([]source, 0, len(s.References))
	for _, ref := range s.References {
		src := source{ID: ref.ID, Title: ref.Title, URL: ref.URL}
		for _, c := range cites {
			if citesID(c, ref.ID) {
				src.Cited++
			}
		}
		out = append(out, src)
	}
	return out
}

// citesID reports whether a source field cites id: as the whole field, or
// among the ids it lists ("[12], [14]" or "[12][14]").
func citesID(field, id string) bool {
	if id == "" {
		return false
	}
	for i := strings.Index(field, id); i >= 0; {
		end := i + len(id)
		// An id such as [1] must not match inside [12]; ids in brackets
		// delimit themselves, others need a non-word neighbour.
		before := i == 0 || !isWord(field[i-1]) || strings.HasPrefix(id, "[")
		after := end == len(field) || !isWord(field[end]) || strings.HasSuffix(id, "]")
		if before && after {
			return true
		}
		next := strings.Index(field[i+1:], id)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

func isWord(c byte) bool {
	return c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// collectSources appends the Source of every Provenance in v.
func collectSources(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectSources(v.Elem(), out)
		}
	case reflect.Struct:
		if p, ok := v.Interface().(scenarios.Provenance); ok {
			if p.Source != "" {
				*out = append(*out, p.Source)
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				collectSources(v.Field(i), out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			collectSources(v.Index(i), out)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			collectSources(iter.Value(), out)
		}
	}
}
