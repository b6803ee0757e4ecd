package gen

// A file of a package that also holds a generated file is still reported.
func more() {
	finding() // want `^finding called \(rtest\)$`
}
