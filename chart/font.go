package chart

import (
	"fmt"
	"sync"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// FontFamily is the CSS font stack of every chart: Liberation Sans, which the
// text is measured with, then fonts with the same widths (Arimo, Arial,
// Helvetica).
const FontFamily = `"Liberation Sans", Arimo, Arial, Helvetica, sans-serif`

// fonts holds the parsed regular and bold faces and a face per size. An
// opentype face is not safe for concurrent use, so every measurement holds mu.
var fonts struct {
	once          sync.Once
	regular, bold *sfnt.Font
	mu            sync.Mutex
	faces         map[faceKey]font.Face
}

type faceKey struct {
	size float64
	bold bool
}

// face returns the face of a size (px) and weight.
func face(size float64, bold bool) font.Face {
	fonts.once.Do(func() {
		var err error
		if fonts.regular, err = opentype.Parse(liberationsansregular.TTF); err != nil {
			panic(fmt.Sprintf("chart: embedded font: %v", err))
		}
		if fonts.bold, err = opentype.Parse(liberationsansbold.TTF); err != nil {
			panic(fmt.Sprintf("chart: embedded font: %v", err))
		}
		fonts.faces = map[faceKey]font.Face{}
	})
	k := faceKey{size, bold}
	if f, ok := fonts.faces[k]; ok {
		return f
	}
	ft := fonts.regular
	if bold {
		ft = fonts.bold
	}
	// 72 dots per inch makes a point a pixel; no hinting, as browsers scale.
	f, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Sprintf("chart: font face %v px: %v", size, err))
	}
	fonts.faces[k] = f
	return f
}

// Width is the advance width of text in px at a font size (px), kerning
// included: how far a browser moves along the line to draw it.
func Width(text string, size float64, bold bool) float64 {
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	return px26(font.MeasureString(face(size, bold), text))
}

// Ink is the box the glyphs of text cover, relative to the start of its
// baseline (y grows downwards: y0 is negative above the baseline).
func Ink(text string, size float64, bold bool) (x0, y0, x1, y1 float64) {
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	b, _ := font.BoundString(face(size, bold), text)
	return px26(b.Min.X), px26(b.Min.Y), px26(b.Max.X), px26(b.Max.Y)
}

// Ascent and Descent are the heights above and below the baseline that a
// line of text at a size takes for layout, px: the font's capital and
// descender heights with a little room.
func Ascent(size float64) float64  { return 0.80 * size }
func Descent(size float64) float64 { return 0.24 * size }

func px26(v fixed.Int26_6) float64 { return float64(v) / 64 }
