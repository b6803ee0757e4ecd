package driver

import (
	"encoding/json"
	"fmt"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/):
// one run, one rule per check, one result per finding. Only the properties
// used here are declared.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                    `json:"tool"`
		Invocations        []sarifInvocation            `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc  `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult                `json:"results"`
		ColumnKind         string                       `json:"columnKind"`
		Properties         map[string]map[string]string `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string       `json:"id"`
		Name                 string       `json:"name"`
		ShortDescription     sarifMessage `json:"shortDescription"`
		FullDescription      sarifMessage `json:"fullDescription"`
		HelpURI              string       `json:"helpUri,omitempty"`
		Help                 sarifMessage `json:"help"`
		DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                   `json:"id,omitempty"`
		PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
		Message          *sarifMessage          `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int  `json:"startLine,omitempty"`
		StartColumn int  `json:"startColumn,omitempty"`
		EndLine     int  `json:"endLine,omitempty"`
		EndColumn   int  `json:"endColumn,omitempty"`
		ByteOffset  *int `json:"byteOffset,omitempty"`
		ByteLength  *int `json:"byteLength,omitempty"`
	}
	sarifFix struct {
		Description     sarifMessage          `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion   `json:"deletedRegion"`
		InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
	}
)

// sarifSchema is the URI of the official SARIF 2.1.0 schema, the one
// testdata/sarif-schema-2.1.0.json holds.
const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// srcRoot is the base of the relative URIs: the directory transportvet ran
// in, as GitHub code scanning expects (%SRCROOT% is the repository root).
const srcRoot = "%SRCROOT%"

// printSARIF prints rep as a SARIF 2.1.0 log to standard output: a rule
// per check, with its documentation as helpUri; a result per finding (a
// file of p and of p's test variant once), whose message does not repeat
// the check, since the rule names it; related information as related
// locations; and the suggested fixes, as replacements of byte ranges.
// Errors are notifications of the invocation, which then did not succeed.
// Columns count UTF-16 code units, as SARIF's default columnKind says.
func (c *command) printSARIF(rep *report) {
	wd, _ := os.Getwd()
	cols := &columns{files: make(map[string][]byte)}
	driver := sarifDriver{
		Name:           c.suite.Name,
		InformationURI: c.suite.URL,
		Rules:          []sarifRule{},
	}
	if bi := readBuildInfo(); bi != nil && bi.Main.Version != "" {
		driver.Version = bi.Main.Version
	}
	ruleIndex := make(map[string]int)
	for _, a := range c.suite.Checks {
		doc := strings.TrimSpace(a.Doc)
		summary, _, _ := strings.Cut(doc, "\n")
		ruleIndex[a.Name] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   a.Name,
			Name:                 a.Name,
			ShortDescription:     sarifMessage{summary},
			FullDescription:      sarifMessage{doc},
			HelpURI:              a.URL,
			Help:                 sarifMessage{fmt.Sprintf("%s\n\nDocumentation: %s", doc, a.URL)},
			DefaultConfiguration: sarifConfig{Level: "warning"},
		})
	}
	loc := func(file string) sarifArtifactLoc {
		if rel, err := filepath.Rel(wd, file); err == nil && wd != "" && filepath.IsAbs(file) && !strings.HasPrefix(rel, "..") {
			return sarifArtifactLoc{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
		}
		return sarifArtifactLoc{URI: fileURI(file)}
	}
	physical := func(start, end posn) *sarifPhysicalLocation {
		return &sarifPhysicalLocation{ArtifactLocation: loc(start.file), Region: cols.region(start, end)}
	}
	results := []sarifResult{}
	for _, d := range rep.findings() {
		i, ok := ruleIndex[d.analyzer.Name]
		if !ok {
			// An analyzer that is not a check (retry -retry.explain):
			// a rule of its own.
			i = len(driver.Rules)
			ruleIndex[d.analyzer.Name] = i
			driver.Rules = append(driver.Rules, sarifRule{
				ID: d.analyzer.Name, Name: d.analyzer.Name,
				ShortDescription:     sarifMessage{firstLine(d.analyzer.Doc)},
				FullDescription:      sarifMessage{strings.TrimSpace(d.analyzer.Doc)},
				HelpURI:              d.analyzer.URL,
				Help:                 sarifMessage{strings.TrimSpace(d.analyzer.Doc)},
				DefaultConfiguration: sarifConfig{Level: "note"},
			})
		}
		r := sarifResult{
			RuleID:    d.analyzer.Name,
			RuleIndex: i,
			Level:     driver.Rules[i].DefaultConfiguration.Level,
			Message:   sarifMessage{strings.TrimSuffix(d.message, " ("+d.analyzer.Name+")")},
			Locations: []sarifLocation{{PhysicalLocation: physical(toPosn(d.posn), toPosn(d.end))}},
		}
		for j, rel := range d.related {
			id := j + 1
			r.RelatedLocations = append(r.RelatedLocations, sarifLocation{
				ID:               &id,
				PhysicalLocation: physical(toPosn(rel.posn), toPosn(rel.end)),
				Message:          &sarifMessage{rel.message},
			})
		}
		for _, f := range d.fixes {
			sf := sarifFix{Description: sarifMessage{f.message}}
			byFile := make(map[string]int)
			for _, e := range f.edits {
				k, ok := byFile[e.posn.Filename]
				if !ok {
					k = len(sf.ArtifactChanges)
					byFile[e.posn.Filename] = k
					sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: loc(e.posn.Filename)})
				}
				off, n := e.posn.Offset, e.end.Offset-e.posn.Offset
				rp := sarifReplacement{DeletedRegion: sarifRegion{ByteOffset: &off, ByteLength: &n}}
				if len(e.text) > 0 {
					rp.InsertedContent = &sarifMessage{string(e.text)}
				}
				sf.ArtifactChanges[k].Replacements = append(sf.ArtifactChanges[k].Replacements, rp)
			}
			if len(sf.ArtifactChanges) > 0 {
				r.Fixes = append(r.Fixes, sf)
			}
		}
		results = append(results, r)
	}

	inv := sarifInvocation{ExecutionSuccessful: !rep.any()}
	note := func(msg string) {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "error", Message: sarifMessage{msg}})
	}
	for _, line := range rep.loadErrors {
		note(line)
	}
	if len(rep.illTyped) > 0 {
		note("not analyzed because of the errors above: " + strings.Join(rep.illTyped, ", "))
	}
	for _, line := range rep.failures {
		note(line)
	}
	run := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{inv},
		Results:     results,
		ColumnKind:  "utf16CodeUnits",
	}
	if wd != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(wd) + "/"}}
	}
	data, err := json.MarshalIndent(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}, "", "  ")
	if err != nil {
		panic(err) // only strings, numbers and slices
	}
	fmt.Fprintf(c.stdout, "%s\n", data)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// fileURI returns the file: URI of the absolute path file.
func fileURI(file string) string {
	p := filepath.ToSlash(file)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// A posn is a position in a file: its line, its byte column (1-based) and
// its byte offset.
type posn struct {
	file         string
	line, column int
	offset       int
}

func toPosn(p token.Position) posn {
	return posn{p.Filename, p.Line, p.Column, p.Offset}
}

// columns converts byte columns into UTF-16 columns, reading each file
// once.
type columns struct {
	files map[string][]byte
}

// region returns the SARIF region from start to end, with columns in
// UTF-16 code units.
func (c *columns) region(start, end posn) sarifRegion {
	if start.line == 0 {
		return sarifRegion{StartLine: 1}
	}
	r := sarifRegion{StartLine: start.line, StartColumn: c.utf16(start)}
	if end.line >= start.line && end.line > 0 {
		r.EndLine, r.EndColumn = end.line, c.utf16(end)
		if r.EndLine == r.StartLine && r.EndColumn < r.StartColumn {
			r.EndColumn = r.StartColumn
		}
	}
	return r
}

// utf16 returns the 1-based UTF-16 column of p, or its byte column when the
// file cannot be read.
func (c *columns) utf16(p posn) int {
	if p.column <= 0 {
		return 1
	}
	src, ok := c.files[p.file]
	if !ok {
		src, _ = os.ReadFile(p.file)
		c.files[p.file] = src
	}
	lineStart := p.offset - (p.column - 1)
	if lineStart < 0 || p.offset > len(src) {
		return p.column
	}
	n := 1
	for b := src[lineStart:p.offset]; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		if k := utf16.RuneLen(r); k > 0 {
			n += k
		} else {
			n++
		}
		b = b[size:]
	}
	return n
}
