package results

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// folder is what Compare reads from a run folder.
type folder struct {
	dir     string
	summary SummaryJSON
	plants  []plantRow
	flows   []flowRow
	imports []flowRow
}

// plantRow is a row of plants.csv.
type plantRow struct {
	site, technology, size string
	count, buildYear       int
	capacity               float64 // t/yr, all modules
	existing               bool
}

// flowRow is a row of flows.csv or imports.csv (imports: from_kind import,
// from the import column).
type flowRow struct {
	year                                 int
	material, fromKind, from, toKind, to string
	origin, unit                         string
	quantity                             float64 // per calendar year
	periodYears                          int     // calendar years the row's modelled year stands for
}

// readFolder reads summary.json, plants.csv, flows.csv and imports.csv.
func readFolder(dir string) (*folder, error) {
	f := &folder{dir: dir}
	if err := NotARunFolder(dir); err != nil {
		return nil, err
	}
	if err := checkManifest(dir); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		return nil, fmt.Errorf("%w (a run folder written with the json and csv formats has it)", err)
	}
	if err := json.Unmarshal(b, &f.summary); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "summary.json"), err)
	}
	err = readCSV(filepath.Join(dir, "plants.csv"), []string{"site", "technology", "size", "count", "existing", "build_year", "capacity_t_per_year"},
		func(get func(string) string, num func(string) (float64, error)) error {
			r := plantRow{site: get("site"), technology: get("technology"), size: get("size"), existing: get("existing") == "true"}
			count, err := num("count")
			if err != nil {
				return err
			}
			year := 0.0
			if get("build_year") != "" {
				if year, err = num("build_year"); err != nil {
					return err
				}
			}
			if r.capacity, err = num("capacity_t_per_year"); err != nil {
				return err
			}
			r.count, r.buildYear = int(count), int(year)
			f.plants = append(f.plants, r)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = readCSV(filepath.Join(dir, "flows.csv"), []string{"year", "period_years", "material", "from_kind", "from", "to_kind", "to", "origin", "quantity_per_year", "unit"},
		func(get func(string) string, num func(string) (float64, error)) error {
			r := flowRow{material: get("material"), fromKind: get("from_kind"), from: get("from"), toKind: get("to_kind"),
				to: get("to"), origin: get("origin"), unit: get("unit")}
			if err := readYearQuantity(&r, num); err != nil {
				return err
			}
			f.flows = append(f.flows, r)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = readCSV(filepath.Join(dir, "imports.csv"), []string{"year", "period_years", "material", "import", "origin", "to_kind", "to", "quantity_per_year", "unit"},
		func(get func(string) string, num func(string) (float64, error)) error {
			r := flowRow{material: get("material"), fromKind: "import", from: get("import"), toKind: get("to_kind"),
				to: get("to"), origin: get("origin"), unit: get("unit")}
			if err := readYearQuantity(&r, num); err != nil {
				return err
			}
			f.imports = append(f.imports, r)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return f, nil
}

func readYearQuantity(r *flowRow, num func(string) (float64, error)) error {
	year, err := num("year")
	if err != nil {
		return err
	}
	r.year = int(year)
	n, err := num("period_years")
	if err != nil {
		return err
	}
	r.periodYears = int(n)
	r.quantity, err = num("quantity_per_year")
	return err
}

// MaxCompareFile is the largest file of a run folder that compare reads, in
// bytes: the default scenario's largest table is under 100 kB.
const MaxCompareFile = 64 << 20

// checkManifest refuses a folder that is not a finished run folder: one with no
// manifest.json (a run that did not finish, or not a run folder), or whose
// summary.json and tables differ in size from what the manifest lists, or are
// over MaxCompareFile. The sizes are checked before anything is read, so a
// huge or truncated file is refused at once.
func checkManifest(dir string) error {
	path := filepath.Join(dir, "manifest.json")
	if di, err := os.Stat(dir); err != nil || !di.IsDir() {
		return fmt.Errorf("%s: no such folder; name a run folder (run --out DIR)", dir)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%s: no manifest.json, so it is not a finished run folder (a run writes its manifest last); run it again", dir)
	}
	if fi.Size() > MaxCompareFile {
		return fmt.Errorf("%s: %d bytes, over the limit of %d; is it a run folder's manifest?", path, fi.Size(), MaxCompareFile)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var man struct {
		Files []manifestItem `json:"files"`
	}
	if err := json.Unmarshal(b, &man); err != nil {
		return fmt.Errorf("%s: %v; run the scenario again", path, err)
	}
	listed := map[string]int{}
	for _, it := range man.Files {
		listed[it.Name] = it.Bytes
	}
	for _, name := range []string{"summary.json", "plants.csv", "flows.csv", "imports.csv"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			continue // said when it is read, with the format that writes it
		}
		want, ok := listed[name]
		switch {
		case fi.Size() > MaxCompareFile:
			return fmt.Errorf("%s: %d bytes, over the limit of %d for a run folder's table", filepath.Join(dir, name), fi.Size(), MaxCompareFile)
		case !ok:
			return fmt.Errorf("%s: not listed in %s, so it is not this run's; run the scenario again", filepath.Join(dir, name), path)
		case int64(want) != fi.Size():
			return fmt.Errorf("%s: %d bytes, but %s lists %d: the folder was changed after the run; run the scenario again", filepath.Join(dir, name), fi.Size(), path, want)
		}
	}
	return nil
}

// readCSV reads a CSV file with a header, checks it has the columns needed
// and calls row for each data row with accessors by column name.
func readCSV(path string, needed []string, row func(get func(string) string, num func(string) (float64, error)) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w (a run folder written with the csv format has it)", err)
	}
	defer fh.Close()
	records, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(records) == 0 {
		return fmt.Errorf("%s: empty file; expected a header row", path)
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	for _, n := range needed {
		if _, ok := col[n]; !ok {
			return fmt.Errorf("%s: no column %q; was it written by another version of mineralplan?", path, n)
		}
	}
	for i, rec := range records[1:] {
		get := func(name string) string { return rec[col[name]] }
		num := func(name string) (float64, error) {
			v, err := strconv.ParseFloat(get(name), 64)
			if err != nil {
				return 0, fmt.Errorf("%s:%d: column %s: %q is not a number", path, i+2, name, get(name))
			}
			return v, nil
		}
		if err := row(get, num); err != nil {
			return err
		}
	}
	return nil
}
